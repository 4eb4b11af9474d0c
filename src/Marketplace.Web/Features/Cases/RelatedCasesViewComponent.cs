namespace Marketplace.Web.Features.Cases;

/// <summary>
/// "Cases that faced the same": a short list of published cases beside an opening, a call, a dispatch request, a case
/// or on the expert's dashboard. Renders nothing when no case shares a theme or an obstacle.
/// </summary>
public sealed class RelatedCasesViewComponent(CaseSearch search) : ViewComponent
{
    public const int Take = 3;

    public async Task<IViewComponentResult> InvokeAsync(RelatedContext context, string heading = "Case_RelatedTitle", int level = 2)
    {
        var cases = await search.RelatedAsync(context, Take, HttpContext.RequestAborted);
        ViewData["Heading"] = heading;
        ViewData["Level"] = level;
        ViewData["Query"] = new CaseQuery { Theme = context.Themes.FirstOrDefault() }.ToQueryString();
        return View(cases);
    }
}
