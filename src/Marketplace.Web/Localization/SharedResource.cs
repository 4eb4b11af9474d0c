using System.Resources;

[assembly: NeutralResourcesLanguage("ja")]

namespace Marketplace.Web;

/// <summary>Marker for the shared resource files <c>Resources/SharedResource(.en).resx</c>; Japanese is the neutral culture.</summary>
public sealed class SharedResource;
