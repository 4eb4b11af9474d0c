using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// MVC's model metadata (what binding, validation and display know of every page model's properties and handler
/// parameters), made once per test run and shared by every test app, as <see cref="MarketplaceFactory"/> shares EF
/// Core's model. Each app otherwise builds it again: at start-up, Razor Pages reads the metadata of every page's
/// properties, and each first request to a page reads more. Quick loop of the web tests, three alternating pairs on
/// the 2-core machine, 2026-12-01: 88, 83 and 77 s of CPU (50, 48 and 44 s wall) with an own provider per app, 76, 75
/// and 73 s (44, 43 and 42 s) shared.
/// </summary>
/// <remarks>
/// The provider holds what the first app to ask gave it: its metadata detail providers (data annotations with the
/// app's localizer of <c>SharedResource</c>) and MVC's binding messages. Every test app configures these alike (they
/// come from the app's own start-up); an app whose detail providers differ stops with an exception rather than
/// quietly using the others' metadata. Nothing in the metadata holds a request, a database or a clock.
/// </remarks>
public static class SharedModelMetadata
{
    private static readonly Lock Gate = new();
    private static DefaultModelMetadataProvider? shared;
    private static Type[] sharedDetails = [];

    public static void Use(IServiceCollection services) =>
        services.AddSingleton<IModelMetadataProvider>(For);

    private static DefaultModelMetadataProvider For(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MvcOptions>>();
        var details = options.Value.ModelMetadataDetailsProviders.Select(p => p.GetType()).ToArray();
        lock (Gate)
        {
            if (shared is null)
            {
                shared = new DefaultModelMetadataProvider(services.GetRequiredService<ICompositeMetadataDetailsProvider>(), options);
                sharedDetails = details;
            }
            else if (!sharedDetails.SequenceEqual(details))
            {
                throw new InvalidOperationException(
                    $"This test app's MVC metadata detail providers ({string.Join(", ", details.Select(t => t.Name))}) differ from those of the " +
                    $"metadata shared by the run's apps ({string.Join(", ", sharedDetails.Select(t => t.Name))}); see SharedModelMetadata.");
            }
            return shared;
        }
    }
}
