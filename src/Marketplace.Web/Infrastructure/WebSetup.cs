using Marketplace.Web.Features.TwoFactor;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Web.Infrastructure;

public static class WebSetup
{
    /// <summary>
    /// Largest request the service reads. A 10 MB Japanese text is about 30 MB once a browser URL-encodes it,
    /// and must still reach validation so the user is told the field's limit; bigger posts get a 413 page.
    /// </summary>
    public const long MaxRequestBytes = 32 * 1024 * 1024;

    public static IServiceCollection AddMarketplaceWeb(this IServiceCollection services, IConfiguration config)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcDateTimeJsonConverter()));
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Manage", IdentitySetup.StaffPolicy);
                o.Conventions.AuthorizeFolder("/Admin", IdentitySetup.NationalOfficePolicy);
                o.Conventions.AuthorizeFolder("/Applications", IdentitySetup.ExpertPolicy);
                o.Conventions.AuthorizeFolder("/Matching", IdentitySetup.ExpertPolicy);
                o.Conventions.AuthorizeFolder("/Vendor", IdentitySetup.VendorPolicy);
                o.Conventions.AuthorizeFolder("/SavedSearches", IdentitySetup.ExpertOrVendorPolicy);
                o.Conventions.AuthorizeFolder("/Dispatch", IdentitySetup.ExpertPolicy);
                // The rest of /Dispatch is the expert's own; its published pairings of every round (/dispatch-results) are for everyone.
                o.Conventions.AllowAnonymousToPage("/Dispatch/Results");
                o.Conventions.AuthorizePage("/Openings/Apply", IdentitySetup.ExpertPolicy);
                o.Conventions.AddPageRoute("/Manage/Openings/Edit", "/manage/openings/new");
                o.Conventions.AddPageRoute("/Manage/Calls/Edit", "/manage/calls/new");
                o.Conventions.AddPageRoute("/Admin/Dispatch/RoundEdit", "/admin/dispatch/rounds/new");
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new UnknownHandlerFilter());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));

        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var t = factory.Create(typeof(SharedResource));
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((v, f) => t["Bind_Invalid", f]);
            m.SetValueIsInvalidAccessor(v => t["Bind_Invalid", ""]);
            m.SetValueMustBeANumberAccessor(f => t["Bind_Number", f]);
            m.SetMissingBindRequiredValueAccessor(f => t["Val_Required", f]);
            m.SetValueMustNotBeNullAccessor(f => t["Val_Required", f]);
            m.SetMissingKeyOrValueAccessor(() => t["Bind_Invalid", ""]);
            m.SetUnknownValueIsInvalidAccessor(f => t["Bind_Invalid", f]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["Bind_Invalid", ""]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Bind_Invalid", ""]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => t["Bind_Number", ""]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => t["Bind_Invalid", ""]);
        });

        // Long descriptions must reach validation (which explains the limit) instead of failing in the form reader.
        services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = (int)MaxRequestBytes;
            o.MultipartBodyLengthLimit = MaxRequestBytes;
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBytes);

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mp.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddMarketplaceKeyProtection(config);
        services.AddHttpContextAccessor();
        // Japanese text is written as is rather than as &#x...; escapes (still HTML-encoded where needed).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHealthChecks().AddDbContextCheck<MarketplaceDbContext>("database");
        // The JSON API answers its errors as problem details (RFC 9457), never as the HTML error page.
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseMarketplacePipeline(this WebApplication app)
    {
        app.UseMarketplaceSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseWhen(ctx => !IsApi(ctx), pages => pages.UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseMiddleware<RequestTooLargeMiddleware>();
        app.UseMiddleware<FormNulMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequiredTwoFactor();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UsePublicCache();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}

/// <summary>Turns a request over the size limit into a 413 page in the user's language.</summary>
public sealed class RequestTooLargeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var reExecuted = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        if (!reExecuted && context.Request.ContentLength > WebSetup.MaxRequestBytes)
        {
            // Refuse before reading anything, so nothing of it is processed or saved.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsTooLarge(ex))
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    }

    private static bool IsTooLarge(Exception ex) =>
        ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
        || ex.InnerException is not null && IsTooLarge(ex.InnerException);
}
