using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Features.Cases;

/// <summary>
/// Case bodies are Markdown written by governments and CIOs. Raw HTML in them is not trusted: Markdig renders,
/// then the sanitizer keeps only formatting tags and http(s)/mailto links, so script, on* attributes and
/// javascript: links come out harmless.
/// </summary>
public sealed class CaseMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseAutoLinks().UseEmphasisExtras().Build();

    private readonly HtmlSanitizer _sanitizer;

    public CaseMarkdown()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
                "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        // Links written by others open without handing them this page.
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a) a.SetAttribute("rel", "nofollow noopener");
        };
        _sanitizer.AllowedAttributes.Add("rel");
    }

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        // Headings of a body sit under the page's own h1/h2.
        var html = Markdown.ToHtml(markdown, Pipeline)
            .Replace("<h1", "<h3").Replace("</h1>", "</h3>").Replace("<h2", "<h4").Replace("</h2>", "</h4>");
        return _sanitizer.Sanitize(html);
    }

    public IHtmlContent Render(string? markdown) => new HtmlString(ToSafeHtml(markdown));
}
