using System.Runtime.CompilerServices;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Settings every test app of this process starts with, set before the first app is built.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// The suite starts well over a hundred apps, and a Linux user may hold only 128 inotify instances
    /// (fs.inotify.max_user_instances) across every process: each app's configuration watchers (appsettings.json,
    /// appsettings.Testing.json) and file providers took some, an app not yet collected kept them, and once the limit was
    /// reached every further app failed to start. Test apps never need to see a file change, so configuration is not
    /// watched and file providers poll instead.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
