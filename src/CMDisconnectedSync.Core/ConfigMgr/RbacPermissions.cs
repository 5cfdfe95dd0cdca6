namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// Rights on a ConfigMgr secured object, as the bit fields of <c>SMS_SecuredObject</c> define them (Microsoft,
/// "SMS_SecuredObject Server WMI Class": READ (bit 0), MODIFY (1), DELETE (2), DISTRIBUTE (3), CREATE_CHILD (4),
/// REMOTE_CONTROL (5), ADVERTISE (6), MODIFY_RESOURCE (7), ADMINISTER (8), DELETE_RESOURCE (9), CREATE (10),
/// VIEW_COLL_FILE (11), READ_RESOURCE (12)). Only the ones we ask about are named.
/// </summary>
[Flags]
public enum RbacPermissions
{
    None = 0,
    Read = 1 << 0,
    Modify = 1 << 1,
    Delete = 1 << 2,
    Administer = 1 << 8,
    Create = 1 << 10,
}
