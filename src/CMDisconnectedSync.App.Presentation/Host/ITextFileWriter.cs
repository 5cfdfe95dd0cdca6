namespace CMDisconnectedSync.App.Presentation.Host;

/// <summary>Saves a text file the admin asked for (a report), whole or not at all.</summary>
public interface ITextFileWriter
{
    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, replacing it; throws IOException or UnauthorizedAccessException.</summary>
    void Write(string path, string text);
}

/// <summary>
/// The real file system: writes a temporary file beside the target, then moves it over the target, so a full disk or
/// a pulled USB stick never leaves half a report under the chosen name.
/// </summary>
public sealed class TextFileWriter : ITextFileWriter
{
    public void Write(string path, string text)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        try
        {
            File.WriteAllText(partial, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (File.Exists(full))
            {
                File.Replace(partial, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(partial, full);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }

            throw;
        }
    }
}
