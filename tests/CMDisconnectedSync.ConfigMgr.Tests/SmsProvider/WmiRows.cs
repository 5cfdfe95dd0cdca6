using System.Collections;
using Microsoft.ConfigurationManagement.ManagementProvider;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

/// <summary>
/// Moq'd SDK result objects shaped like what the SMS Provider returns: a result set enumerating rows, each row exposing
/// its WMI properties through the indexer as IQueryPropertyItem, site control rows carrying embedded properties.
/// </summary>
internal static class WmiRows
{
    public static Mock<IResultObject> Row(params (string Name, object? Value)[] properties)
    {
        var row = new Mock<IResultObject>(MockBehavior.Strict);
        foreach (var (name, value) in properties)
        {
            row.SetupGet(r => r[name]).Returns(Property(value).Object);
        }

        return row;
    }

    /// <summary>
    /// A property as the real SDK exposes it: <c>ObjectValue</c> is the raw value (null when WMI has none), and, like the
    /// real getters (SDK metadata, consoles 1706 and 1802), the typed getters throw NullReferenceException on a null value.
    /// </summary>
    public static Mock<IQueryPropertyItem> Property(object? value)
    {
        var item = new Mock<IQueryPropertyItem>(MockBehavior.Strict);
        item.SetupProperty(i => i.ObjectValue, value);
        if (value is null)
        {
            item.SetupGet(i => i.StringValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.IntegerValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.BooleanValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.DateTimeValue).Throws<NullReferenceException>();
            return item;
        }

        item.SetupProperty(i => i.StringValue, value as string ?? string.Empty);
        item.SetupProperty(i => i.IntegerValue, value is int number ? number : 0);
        item.SetupProperty(i => i.BooleanValue, value is true);
        item.SetupProperty(i => i.DateTimeValue, value is DateTime time ? time : DateTime.MinValue);
        return item;
    }

    public static Mock<IResultObject> ResultSet(params Mock<IResultObject>[] rows)
    {
        var set = new Mock<IResultObject>(MockBehavior.Strict);
        set.Setup(s => s.GetEnumerator()).Returns(() => ((IEnumerable)rows.Select(r => r.Object).ToList()).GetEnumerator());
        set.Setup(s => s.Dispose());
        return set;
    }

    /// <summary>An <c>SMS_EmbeddedProperty</c> (PropertyName, Value, Value1, Value2) as the SDK exposes it.</summary>
    public static Mock<IResultObject> EmbeddedProperty(string name, int value) =>
        Row(("PropertyName", name), ("Value", value), ("Value1", string.Empty), ("Value2", string.Empty));
}
