using System.Diagnostics;
using System.Runtime.InteropServices;
using CMDisconnectedSync.Wsus.Processes;

namespace CMDisconnectedSync.Wsus.Tests.Processes;

/// <summary>
/// The Job Object P/Invoke structs against the documented C layout, checked on any 64-bit machine (the layout is the
/// same wherever pointers are 8 bytes): a SIZE_T or ULONG_PTR declared as 32 bits (a common mistake in published
/// P/Invoke code) shifts every later field, and SetInformationJobObject would refuse the wrong length on Windows x64
/// only, so the kill-on-close job would never be set.
/// Expected offsets follow from the members as documented on learn.microsoft.com (JOBOBJECT_BASIC_LIMIT_INFORMATION,
/// IO_COUNTERS, JOBOBJECT_EXTENDED_LIMIT_INFORMATION, winnt.h) and the x64 alignment rule (each member at a multiple
/// of its size; LARGE_INTEGER, ULONGLONG, SIZE_T, ULONG_PTR 8 bytes, DWORD 4; the struct padded to its largest member):
/// https://learn.microsoft.com/en-us/cpp/build/x64-software-conventions#types-and-storage . The same offsets (64, 112,
/// 120, 128, 136) are declared explicitly in Meziantou.Framework's JOBOBJECT_EXTENDED_LIMIT_INFORMATION64.
/// </summary>
[TestClass]
public sealed class JobObjectLayoutTests
{
    [TestInitialize]
    public void RequireSixtyFourBits()
    {
        if (IntPtr.Size != 8)
        {
            Assert.Inconclusive("The pinned layout is the 64-bit one; this process is 32-bit.");
        }
    }

    [TestMethod]
    public void JobObjectBasicLimitInformation_MatchesTheDocumentedX64Layout()
    {
        Assert.AreEqual(64, Marshal.SizeOf<JobObjectBasicLimitInformation>());
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.PerProcessUserTimeLimit), 0);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.PerJobUserTimeLimit), 8);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.LimitFlags), 16);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.MinimumWorkingSetSize), 24);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.MaximumWorkingSetSize), 32);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.ActiveProcessLimit), 40);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.Affinity), 48);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.PriorityClass), 56);
        AssertOffset<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.SchedulingClass), 60);
    }

    [TestMethod]
    public void IoCounters_IsSixUnsigned64BitCounters()
    {
        Assert.AreEqual(48, Marshal.SizeOf<IoCounters>());
        AssertOffset<IoCounters>(nameof(IoCounters.OtherTransferCount), 40);
    }

    [TestMethod]
    public void JobObjectExtendedLimitInformation_MatchesTheDocumentedX64Layout()
    {
        Assert.AreEqual(144, Marshal.SizeOf<JobObjectExtendedLimitInformation>());
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.BasicLimitInformation), 0);
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.IoInfo), 64);
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.ProcessMemoryLimit), 112);
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.JobMemoryLimit), 120);
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.PeakProcessMemoryUsed), 128);
        AssertOffset<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.PeakJobMemoryUsed), 136);
    }

    [TestMethod]
    public void ForThisPlatform_OffWindows_IsTheNoOpJobAndAcceptsAProcess()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.IsInstanceOfType<WindowsKillOnCloseJob>(ChildProcessJobs.ForThisPlatform());
            return;
        }

        using var current = Process.GetCurrentProcess();
        var job = ChildProcessJobs.ForThisPlatform();
        job.Add(current);

        Assert.AreSame(NoChildProcessJob.Instance, job);
    }

    private static void AssertOffset<T>(string field, int expected) =>
        Assert.AreEqual(expected, Marshal.OffsetOf<T>(field).ToInt32(), $"{typeof(T).Name}.{field}");
}
