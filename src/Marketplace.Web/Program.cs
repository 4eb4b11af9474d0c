using Marketplace.Data;
using Marketplace.Web.Email;
using Marketplace.Web.Features;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Openings;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Cli;
using Marketplace.Web.Localization;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Jobs;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
// SMTP passwords and connection strings may live in user-secrets whatever the environment.
builder.Configuration.AddUserSecrets<Program>(optional: true);

builder.Services.AddMarketplaceData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMarketplaceIdentity();
builder.Services.AddMarketplaceLocalization();
builder.Services.AddMarketplaceEmail(builder.Configuration);
builder.Services.AddMarketplaceFeatures(builder.Configuration);
builder.Services.AddMarketplaceWeb(builder.Configuration);
builder.Services.AddMarketplaceJobs(builder.Configuration);

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseMarketplacePipeline();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health");
app.MapCultureSwitch();
app.MapOpeningsApi();
app.MapMarketplaceJobs();
app.UseMarketplaceSchedules();
app.PrintWelcome();

await app.RunAsync();
return 0;

public partial class Program;
