using Marketplace.Web.Email;
using Marketplace.Web.Features.Observability;
using Marketplace.Web.Features.OpenData;
using Marketplace.Web.Features.PayBenchmark;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Cli;
using Marketplace.Web.Jobs;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
// Run from the build output (dotnet run, any environment), the compressed copies of wwwroot (site.css.gz...)
// live in obj/ and are found only through the static-web-assets manifest, which ASP.NET Core reads by
// default in Development alone: elsewhere MapStaticAssets answered gzip requests with an empty 200.
// A published app has no such manifest (its wwwroot holds the compressed files) and this does nothing.
builder.WebHost.UseStaticWebAssets();
// SMTP passwords and connection strings may live in user-secrets whatever the environment.
builder.Configuration.AddUserSecrets<Program>(optional: true);

builder.Services.AddMarketplaceData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMarketplaceIdentity(builder.Configuration);
builder.Services.AddMarketplaceLocalization();
builder.Services.AddMarketplaceEmail(builder.Configuration);
builder.Services.AddMarketplaceFeatures(builder.Configuration);
builder.Services.AddMarketplaceWeb(builder.Configuration);
builder.Services.AddSecurity(builder.Configuration);
builder.Services.AddMarketplaceJobs(builder.Configuration);
builder.Services.AddOpenData();
builder.Services.AddObservability(builder.Configuration);

var app = builder.Build();

app.WarnWhenKeysUnprotected();
await app.InitializeDatabaseAsync();

app.UseMarketplacePipeline();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health");
app.MapCultureSwitch();
app.MapOpeningsApi();
app.MapCallsApi();
app.MapPayBenchmarkApi();
app.MapOpenData();
app.MapMarketplaceJobs();
app.MapObservability();
app.UseMarketplaceSchedules();
app.PrintWelcome();

await app.RunAsync();
return 0;

public partial class Program;
