using System.Globalization;
using CMDisconnectedSync.Harness;

// cmdsync-harness <suite> [--count N] [--seed S]: runs one suite, prints its details, then its figure as the last line.
// Exit code 0 when every promise held, 1 when one broke (each broken promise is printed), 2 for a usage error.
return await HarnessCommand.RunAsync(args, Console.Out, CultureInfo.InvariantCulture).ConfigureAwait(false);
