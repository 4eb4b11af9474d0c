using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Ids and error wiring for form fields keyed as the services report them ("Input.Name", "Input.BandFrom[0]", "reason"),
/// matching the links of the page's error summary.
/// </summary>
public static class FormState
{
    /// <summary>
    /// What the person typed in <paramref name="field"/> when the page is shown again after its form was refused, so
    /// nothing typed is lost; otherwise <paramref name="initial"/>. Only a post of that form counts: <paramref name="handler"/>
    /// is its handler (as in <c>?handler=</c>), so a page with several forms fills each from its own post.
    /// </summary>
    public static string? Typed(HttpRequest request, string handler, string field, string? initial = null) =>
        IsPostOf(request, handler) && request.Form.TryGetValue(field, out var typed) ? typed.ToString() : initial;

    /// <summary>Like <see cref="Typed"/> for a field posted several times (ticked boxes): what was posted, or null when the form was not.</summary>
    public static IReadOnlyCollection<string>? TypedValues(HttpRequest request, string handler, string field) =>
        IsPostOf(request, handler) ? [.. request.Form[field].Where(v => v is not null).Select(v => v!)] : null;

    /// <summary>Whether the request posts the form of <paramref name="handler"/> ("" for the page's own <c>OnPost</c>).</summary>
    private static bool IsPostOf(HttpRequest request, string handler) =>
        HttpMethods.IsPost(request.Method) && request.HasFormContentType
        && string.Equals(request.Query["handler"].ToString(), handler, StringComparison.OrdinalIgnoreCase);

    public static string Id(string key) => key.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    public static string? ErrorOf(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The field's message, or nothing.</summary>
    public static IHtmlContent Error(ModelStateDictionary state, string key) =>
        ErrorOf(state, key) is { } message
            ? new HtmlString($"<span class=\"field-error\" id=\"{Id(key)}-error\">{HtmlEncoder.Default.Encode(message)}</span>")
            : HtmlString.Empty;

    /// <summary>aria-describedby for the field: its hint and, when there is one, its error.</summary>
    public static string? DescribedBy(ModelStateDictionary state, string key, string? hintId = null)
    {
        var ids = new[] { hintId, ErrorOf(state, key) is null ? null : Id(key) + "-error" }.Where(i => i is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    public static string? Invalid(ModelStateDictionary state, string key) => ErrorOf(state, key) is null ? null : "true";

    public static string? ErrorClass(ModelStateDictionary state, string key) => ErrorOf(state, key) is null ? null : "input-error";
}
