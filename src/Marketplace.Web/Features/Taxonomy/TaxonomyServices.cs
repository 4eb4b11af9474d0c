namespace Marketplace.Web.Features.Taxonomy;

public static class TaxonomyServices
{
    public static IServiceCollection AddTaxonomy(this IServiceCollection services)
    {
        services.AddSingleton(_ => TaxonomyCatalog.Load(SeedFiles.PathOf("taxonomy.json"), SeedFiles.PathOf("prefectures.csv")));
        return services;
    }
}
