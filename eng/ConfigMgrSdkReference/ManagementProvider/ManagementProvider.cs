// Compile-only declarations of the ConfigMgr SDK members CMDisconnectedSync uses; bodies never run in production
// (the real SDK from the console's AdminConsole\bin is loaded instead). Shapes follow Microsoft's ConfigMgr SDK reference
// (learn.microsoft.com, "Microsoft.ConfigurationManagement.ManagementProvider Namespace"):
//   IResultObject interface (cc147376), its Item indexer returning IQueryPropertyItem (cc147131), GetEnumerator (cc146241),
//   EmbeddedProperties (cc143261); ConnectionManagerBase.Connect(string) abstract bool (cc146176),
//   ExecuteMethod(string, string, Dictionary<string, object>) (cc146490); QueryProcessorBase.ExecuteQuery(string) (cc146276);
//   ConnectionManagerBase.NamedValueDictionary (cc147091); SmsNamedValuesDictionary : Dictionary<string, object> (cc147435);
//   SmsException / SmsConnectionException / SmsQueryException ("How to Handle Configuration Manager Synchronous Errors").
// Where the real member is not virtual, it is virtual here only so Moq can drive the adapter in tests: a call site
// references a method by declaring type, name and signature, so this does not change what binds to the real SDK.
// Checked 2026-11-25 against the metadata of two public copies of the real DLLs (console 1706:
// MikePohatu/Visualizer4CM@a1dd215; console 1802: RobUK101/PatchMaster@6ee8bf6): every type and member reference of
// the built adapter resolves in both. The exception hierarchy below follows that metadata (SmsException :
// SystemException; SmsQueryException abstract with protected constructors; SmsConnectionException : SmsQueryException).
// The real SDK wraps WMI failures in an internal SmsQueryException subclass around System.Management's
// ManagementException, and COM failures and InvalidCastException in SmsConnectionException; its *Value getters do not
// check for null (ObjectValue does not convert, so it is the safe null test). DateTimeValue is
// ManagementDateTimeConverter.ToDateTime(raw DMTF string): this computer's local time with Kind=Unspecified, not UTC
// (WqlQueryPropertySingleItem.get_DateTimeValue in AdminUI.WqlQueryEngine.dll 1706, read with ikdasm; the converter:
// dotnet/runtime src/libraries/System.Management/src/System/Management/ManagementDateTime.cs). For a CIM DATETIME
// property ObjectValue is that DMTF string, offset included, which is what the adapter reads (DmtfDateTime).
// IResultObject.Get() loads the whole instance, lazy properties included (learn.microsoft.com, "How to Read Lazy
// Properties by Using Managed Code"); real signature: instance void Get(), abstract virtual on the interface (1706).
// Issue 18 (deployment content) added IQueryPropertyItem.IntegerArrayValue (int32[]) and LongValue (int64), IResultObject.ExecuteMethod(string,
// Dictionary<string, object>), ConnectionManagerBase.CreateInstance(string) and GetInstance(string): checked 2026-12-07 in
// the 1706 DLL of MikePohatu/Visualizer4CM@12a21a9 (ikdasm: all five declared on those types with those signatures).
using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.ConfigurationManagement.ManagementProvider
{
    /// <summary>One property of a result object (the value of <c>resultObject["Name"]</c>).</summary>
    public interface IQueryPropertyItem
    {
        string StringValue { get; set; }

        int IntegerValue { get; set; }

        bool BooleanValue { get; set; }

        DateTime DateTimeValue { get; set; }

        /// <summary>The raw WMI value, unconverted; null when the property has no value.</summary>
        object ObjectValue { get; set; }

        /// <summary>
        /// A UInt32/SInt32 array property (e.g. <c>SMS_AuthorizationList.Updates</c>). Used so by Microsoft's "How to Create
        /// a Software Update Group" (learn.microsoft.com/mem/configmgr/develop/sum/how-to-create-a-software-update-group:
        /// <c>newUpdateList["Updates"].IntegerArrayValue = newUpdates</c>).
        /// </summary>
        int[] IntegerArrayValue { get; set; }

        /// <summary>An SInt64/UInt64 property (e.g. <c>SMS_CIContentFiles.FileSize</c>): <c>IntegerValue</c> would cut it to 32 bits.</summary>
        long LongValue { get; set; }
    }

    /// <summary>A WMI object or a result set of them.</summary>
    public interface IResultObject : IComparable, IDisposable, ICloneable
    {
        IQueryPropertyItem this[string name] { get; set; }

        Dictionary<string, IResultObject> EmbeddedProperties { get; set; }

        IEnumerator GetEnumerator();

        void Get();

        void Put();

        /// <summary>
        /// Runs an instance method (e.g. <c>SMS_SoftwareUpdatesPackage.AddUpdateContent</c>): Microsoft's "How to Add
        /// Updates to a Deployment Package" (learn.microsoft.com/mem/configmgr/develop/sum/how-to-add-updates-to-a-deployment-package:
        /// <c>existingSUMDeploymentPackage.ExecuteMethod("AddUpdateContent", addUpdateContentParameters)</c>).
        /// </summary>
        IResultObject ExecuteMethod(string methodName, Dictionary<string, object> methodParameters);
    }

    [Serializable]
    public class SmsNamedValuesDictionary : Dictionary<string, object>
    {
        public SmsNamedValuesDictionary()
        {
        }

        protected SmsNamedValuesDictionary(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }

        public new virtual object this[string name]
        {
            get { throw new NotSupportedException(ReferenceOnly.Message); }
            set { throw new NotSupportedException(ReferenceOnly.Message); }
        }
    }

    public abstract class QueryProcessorBase
    {
        // Real SDK: not abstract (the two-argument overload is); virtual here for Moq.
        public virtual IResultObject ExecuteQuery(string query) => throw new NotSupportedException(ReferenceOnly.Message);
    }

    public abstract class ConnectionManagerBase : IDisposable
    {
        public virtual SmsNamedValuesDictionary NamedValueDictionary => throw new NotSupportedException(ReferenceOnly.Message);

        public virtual QueryProcessorBase QueryProcessor => throw new NotSupportedException(ReferenceOnly.Message);

        public abstract bool Connect(string configMgrServerPath);

        public abstract IResultObject ExecuteMethod(string methodClass, string methodName, Dictionary<string, object> methodParameters);

        // Microsoft's "How to Create a Deployment Package" (learn.microsoft.com/mem/configmgr/develop/sum/how-to-create-a-deployment-package:
        // connection.CreateInstance("SMS_SoftwareUpdatesPackage")) and "How to Add Updates to a Deployment Package"
        // (connection.GetInstance(@"SMS_SoftwareUpdatesPackage.PackageID='…'")). Virtual here for Moq.
        public virtual IResultObject CreateInstance(string createClass) => throw new NotSupportedException(ReferenceOnly.Message);

        public virtual IResultObject GetInstance(string objectPath) => throw new NotSupportedException(ReferenceOnly.Message);

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
        }
    }

    [Serializable]
    public class SmsException : SystemException
    {
        public SmsException()
        {
        }

        public SmsException(string message)
            : base(message)
        {
        }

        public SmsException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        protected SmsException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }
    }

    /// <summary>Real SDK: abstract, only protected constructors; the SDK throws its own subclasses (e.g. for WMI errors).</summary>
    [Serializable]
    public abstract class SmsQueryException : SmsException
    {
        protected SmsQueryException()
        {
        }

        protected SmsQueryException(Exception innerException)
            : base(innerException?.Message ?? string.Empty, innerException!)
        {
        }

        protected SmsQueryException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        protected SmsQueryException(string message, Exception innerException, string extendedStatus)
            : base(message, innerException)
        {
        }

        protected SmsQueryException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }
    }

    [Serializable]
    public class SmsConnectionException : SmsQueryException
    {
        public SmsConnectionException()
        {
        }

        public SmsConnectionException(Exception innerException)
            : base(innerException)
        {
        }

        public SmsConnectionException(string message)
            : base(message, null!)
        {
        }

        public SmsConnectionException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        protected SmsConnectionException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }
    }

    internal static class ReferenceOnly
    {
        internal const string Message =
            "This is the compile-only reference for the ConfigMgr SDK. Install the ConfigMgr console so the real "
            + "Microsoft.ConfigurationManagement.ManagementProvider.dll is loaded from its AdminConsole\\bin folder.";
    }
}
