namespace Marketplace.Data;

/// <summary>
/// Folders and files the service creates for its data (the SQLite database and its folder) are readable by the
/// service's own user only: 0700 and 0600 on Unix. Existing ones are left as the operator set them.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder is not changed.</summary>
    public static void CreateFolder(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 unless it exists; whether this call created it.</summary>
    public static bool CreateFile(string path)
    {
        if (File.Exists(path) || OperatingSystem.IsWindows()) return false;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another instance created it first
        }
    }
}
