// Compiled into every *.Tests project by Directory.Build.props.
// Test classes are independent (each uses its own temp folders), so classes run in parallel on both cores.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel, Workers = 0)]
