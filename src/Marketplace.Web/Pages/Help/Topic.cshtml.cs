using Marketplace.Web.Features.Help;

namespace Marketplace.Web.Pages.Help;

/// <summary>One help page in the visitor's language (rendered once at start-up from the shipped Markdown).</summary>
public sealed class TopicModel(HelpLibrary library) : PageModel
{
    public HelpTopic Topic { get; private set; } = null!;
    public string Html { get; private set; } = "";

    public IActionResult OnGet(string slug)
    {
        if (HelpTopics.Find(slug) is not { } topic) return NotFound();
        Topic = topic;
        Html = library.Html(topic, LocalizationSetup.IsEnglish);
        return Page();
    }
}
