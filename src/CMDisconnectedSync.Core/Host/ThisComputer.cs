using System.Net.NetworkInformation;

namespace CMDisconnectedSync.Host;

/// <summary>The names ConfigMgr may use for this computer: its NetBIOS name and, when it is in a DNS domain, its FQDN.</summary>
public static class ThisComputer
{
    public static IReadOnlyList<string> Names()
    {
        var names = new List<string> { Environment.MachineName };
        var properties = IPGlobalProperties.GetIPGlobalProperties();
        if (!string.IsNullOrEmpty(properties.DomainName))
        {
            names.Add(properties.HostName + "." + properties.DomainName);
        }

        return names;
    }
}
