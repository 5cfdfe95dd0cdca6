// Compile-only declaration of WqlConnectionManager, which the real SDK ships in AdminUI.WqlQueryEngine.dll
// (namespace Microsoft.ConfigurationManagement.ManagementProvider.WqlQueryEngine; learn.microsoft.com "How to Connect to
// an SMS Provider in Configuration Manager by Using Managed Code": new WqlConnectionManager(new SmsNamedValuesDictionary())
// then Connect(server)). Never runs in production: the console's real DLL is loaded instead.
using System;
using System.Collections.Generic;

namespace Microsoft.ConfigurationManagement.ManagementProvider.WqlQueryEngine
{
    public class WqlConnectionManager : ConnectionManagerBase
    {
        private const string Message =
            "This is the compile-only reference for the ConfigMgr SDK. Install the ConfigMgr console so the real "
            + "AdminUI.WqlQueryEngine.dll is loaded from its AdminConsole\\bin folder.";

        public WqlConnectionManager(SmsNamedValuesDictionary namedValueDictionary)
        {
            throw new NotSupportedException(Message);
        }

        public override bool Connect(string configMgrServerPath) => throw new NotSupportedException(Message);

        public override IResultObject ExecuteMethod(string methodClass, string methodName, Dictionary<string, object> methodParameters) =>
            throw new NotSupportedException(Message);
    }
}
