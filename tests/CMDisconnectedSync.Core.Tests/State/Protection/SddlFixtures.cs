namespace CMDisconnectedSync.Core.Tests.State.Protection;

/// <summary>Real SDDL strings, each with where it was published. None is written to match our code.</summary>
internal static class SddlFixtures
{
    /// <summary>
    /// learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format, "String 1" (MicrosoftDocs/win32
    /// desktop-src/SecAuthZ/security-descriptor-string-format.md @017eca3). The page decodes it: Owner S-1-5-32-548, one
    /// ACCESS_ALLOWED ACE, InheritFlags 0x00, Access Mask 0x100e003f, Ace Sid S-1-0-0.
    /// </summary>
    public const string DocsString1 = "O:AOG:DAD:(A;;RPWPCCDCLCSWRCWDWOGA;;;S-1-0-0)";

    /// <summary>
    /// Same page, "String 2" (printed over several lines there; SDDL has no white space). Decoded there: Owner and group
    /// the domain's Domain Admins, seven DACL ACEs with masks 0x000f003f (SY), 0x000f003f (DA), 0x3 (object ACEs for AO,
    /// AO, AO, PO) and 0x00020014 (AU), and one SACL audit ACE.
    /// </summary>
    public const string DocsString2 =
        "O:DAG:DAD:(A;;RPWPCCDCLCRCWOWDSDSW;;;SY)\n(A;;RPWPCCDCLCRCWOWDSDSW;;;DA)\n(OA;;CCDC;bf967aba-0de6-11d0-a285-00aa003049e2;;AO)\n"
        + "(OA;;CCDC;bf967a9c-0de6-11d0-a285-00aa003049e2;;AO)\n(OA;;CCDC;6da8a4ff-0e52-11d0-a286-00aa003049e2;;AO)\n"
        + "(OA;;CCDC;bf967aa8-0de6-11d0-a285-00aa003049e2;;PO)\n(A;;RPLCRC;;;AU)S:(AU;SAFA;WDWOSDWPCCDCSW;;;WD)";

    /// <summary>
    /// learn.microsoft.com/windows/win32/secauthz/ace-strings, the example ACE (MicrosoftDocs/win32
    /// desktop-src/SecAuthZ/ace-strings.md @2ad79f2), decoded there as AceFlags 0x00, Access Mask 0x100e003f, Ace Sid S-1-1-0.
    /// </summary>
    public const string DocsAceExample = "(A;;RPWPCCDCLCSWRCWDWOGA;;;S-1-1-0)";

    /// <summary>
    /// The DACL a folder created under C:\ProgramData inherits, as cacls /S prints it: SYSTEM and Administrators full
    /// control, CREATOR OWNER generic all on children, BUILTIN\Users read/execute, and BUILTIN\Users add-file,
    /// add-subfolder, write-EA and write-attributes on the folder and its subfolders (0x116). Published by AWS as the
    /// "wrong" ACL their agent's ProgramData folder got from its parent: aws/amazon-cloudwatch-agent
    /// integration/msi/tools/permission.ps1 @83eb0f5 ($wrongsddl).
    /// </summary>
    public const string ProgramDataSubfolderInherited =
        "D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)";

    /// <summary>
    /// The protected DACL the same AWS script sets on that folder instead (cacls /S:"…" in permission.ps1 @83eb0f5):
    /// SYSTEM and Administrators full control, CREATOR OWNER full control on children, BUILTIN\Users generic read.
    /// </summary>
    public const string ProgramDataSubfolderFixedByAws = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;FA;;;CO)(A;OICI;GR;;;BU)";
}
