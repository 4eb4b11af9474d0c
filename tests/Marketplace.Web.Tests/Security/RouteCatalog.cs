using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Security;

/// <summary>One route of the running app: its pattern, its route parameters, and the methods and handlers it answers.</summary>
public sealed record AppRoute(string Pattern, IReadOnlyList<string> Parameters, IReadOnlyList<RouteHandler> Handlers, bool IsPage)
{
    public IEnumerable<RouteHandler> Gets => Handlers.Where(h => h.Method == "GET");
    public IEnumerable<RouteHandler> Posts => Handlers.Where(h => h.Method == "POST");

    /// <summary>The path with the route values filled in (catch-all and optional values may be empty).</summary>
    public string Path(IReadOnlyDictionary<string, string> values) =>
        "/" + RouteCatalog.ParameterPattern().Replace(Pattern.TrimStart('/'), m => Uri.EscapeDataString(values.GetValueOrDefault(m.Groups[2].Value, ""))).TrimEnd('/');
}

/// <summary>
/// A GET or POST handler: <see cref="Name"/> is the page handler (<c>?handler=Name</c>, null for the default one);
/// <see cref="Fields"/> the form and query names model binding reads, with their types (handler parameters and bound
/// properties, one level into <c>Input</c>-like objects and lists).
/// </summary>
public sealed record RouteHandler(string Method, string? Name, IReadOnlyList<(string Name, Type Type)> Fields)
{
    public string Url(string path) => Name is null ? path : path + "?handler=" + Name;

    public override string ToString() => Method + (Name is null ? "" : " ?handler=" + Name);
}

/// <summary>
/// Every route of the running app, read from its <see cref="EndpointDataSource"/>: Razor pages with their handlers
/// (through the app's own <see cref="PageLoader"/>) and minimal-API endpoints with their HTTP methods. Static files
/// are left out (they are files, not routes).
/// </summary>
public static partial class RouteCatalog
{
    [GeneratedRegex(@"\{(\*\*?)?([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\??\}")]
    internal static partial Regex ParameterPattern();

    public static async Task<IReadOnlyList<AppRoute>> ReadAsync(MarketplaceFactory factory)
    {
        _ = factory.Server; // the app must be built for its endpoints to exist
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var routes = new Dictionary<string, AppRoute>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (IsStaticFile(endpoint)) continue;
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                routes[pattern] = new AppRoute(pattern, parameters, HandlersOf(compiled), true);
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var fields = FieldsOf(endpoint);
            var handlers = methods.Where(m => m is "GET" or "POST").Select(m => new RouteHandler(m, null, fields));
            routes[pattern] = routes.TryGetValue(pattern, out var existing)
                ? existing with { Handlers = [.. existing.Handlers, .. handlers] }
                : new AppRoute(pattern, parameters, handlers.ToList(), false);
        }
        return routes.Values.OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList();
    }

    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName?.StartsWith("Microsoft.AspNetCore.StaticAssets", StringComparison.Ordinal) == true);

    private static List<RouteHandler> HandlersOf(CompiledPageActionDescriptor page)
    {
        var bound = page.BoundProperties.OfType<PageBoundPropertyDescriptor>().ToList();
        var handlers = new List<RouteHandler>();
        foreach (var h in page.HandlerMethods)
        {
            var method = h.HttpMethod.ToUpperInvariant();
            var fields = new List<(string, Type)>();
            foreach (var p in h.Parameters)
            {
                if (p.BindingInfo?.BindingSource is { } source && (source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services || source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Special)) continue;
                if (p.ParameterType == typeof(CancellationToken)) continue;
                Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, fields, 0);
            }
            foreach (var b in bound)
            {
                var supportsGet = b.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true
                    || b.Property.DeclaringType?.GetCustomAttribute<BindPropertiesAttribute>()?.SupportsGet == true;
                if (method == "GET" && !supportsGet) continue;
                Expand(b.BindingInfo?.BinderModelName ?? b.Name, b.Property.PropertyType, fields, 0);
            }
            // A page with OnGet only also answers HEAD; a page without any handler still renders on GET.
            handlers.Add(new RouteHandler(method, h.Name, fields));
        }
        if (!handlers.Any(h => h.Method == "GET")) handlers.Add(new RouteHandler("GET", null, []));
        return handlers;
    }

    /// <summary>The query and form names of a minimal-API endpoint's simple parameters (the rest come from the route or services).</summary>
    private static List<(string, Type)> FieldsOf(RouteEndpoint endpoint)
    {
        var method = endpoint.Metadata.GetMetadata<MethodInfo>();
        if (method is null) return [];
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return method.GetParameters()
            .Where(p => p.Name is not null && !routeNames.Contains(p.Name) && IsSimple(p.ParameterType))
            .Select(p => (p.Name!, p.ParameterType)).ToList();
    }

    private static void Expand(string prefix, Type type, List<(string, Type)> fields, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(type) || depth > 1)
        {
            fields.Add((prefix, type));
            return;
        }
        if (type == typeof(IFormFile) || typeof(IFormFileCollection).IsAssignableFrom(type)) return;
        var element = type.IsArray ? type.GetElementType() : type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments().Last() : null;
        if (element is not null)
        {
            if (IsSimple(element)) fields.Add((prefix, element));
            else Expand(prefix + "[0]", element, fields, depth + 1);
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            Expand(prefix + "." + p.Name, p.PropertyType, fields, depth + 1);
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTimeOffset) || type == typeof(Guid);
    }

    /// <summary>
    /// The POST forms of a page as a browser would send them, by handler (null for the default handler): hidden inputs
    /// (tokens, ids), text inputs and text areas with their values, the checked checkboxes and radios, and the selected
    /// (or first) option of each select. Only forms that post back to <paramref name="path"/> are kept.
    /// </summary>
    public static Dictionary<string, List<KeyValuePair<string, string>>> Forms(string html, string path)
    {
        var forms = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.OrdinalIgnoreCase);
        var document = new HtmlParser().ParseDocument(html);
        foreach (var form in document.QuerySelectorAll("form"))
        {
            if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)) continue;
            var action = System.Net.WebUtility.HtmlDecode(form.GetAttribute("action") ?? "");
            var actionPath = action.Split('?')[0];
            if (actionPath.Length > 0 && !string.Equals(actionPath.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) continue;
            var query = action.Contains('?') ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(action[action.IndexOf('?')..]) : [];
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var element in form.QuerySelectorAll("input, textarea, select"))
            {
                var name = element.GetAttribute("name");
                if (string.IsNullOrEmpty(name) || name == "__RequestVerificationToken") continue;
                var type = (element.GetAttribute("type") ?? "text").ToLowerInvariant();
                if (type is "file" or "submit" or "button" or "image") continue;
                if (type is "checkbox" or "radio" && !element.HasAttribute("checked")) continue;
                var value = element.LocalName switch
                {
                    "textarea" => element.TextContent,
                    "select" => (element.QuerySelector("option[selected]") ?? element.QuerySelectorAll("option").FirstOrDefault(o => !string.IsNullOrEmpty(o.GetAttribute("value"))))?.GetAttribute("value") ?? "",
                    _ => element.GetAttribute("value") ?? "",
                };
                fields.Add(new(name, value));
            }
            var handler = query.TryGetValue("handler", out var h) ? h.ToString() : "";
            foreach (var (key, value) in query) if (key != "handler") fields.Add(new(key, value.ToString()));
            forms.TryAdd(handler, fields);
            // A button may post the same form to another handler (formaction).
            foreach (var button in form.QuerySelectorAll("button[formaction], input[formaction]"))
            {
                var other = System.Net.WebUtility.HtmlDecode(button.GetAttribute("formaction") ?? "");
                if (!other.Contains('?')) continue;
                var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(other[other.IndexOf('?')..]);
                if (q.TryGetValue("handler", out var oh)) forms.TryAdd(oh.ToString(), fields);
            }
        }
        return forms;
    }
}
