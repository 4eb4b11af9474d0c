using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// A request that none of its page's handlers answers gets 404. Examples: a POST to a page that only reads, or
/// <c>?handler=Name</c> for a handler the page does not have. Razor Pages would otherwise render the page without
/// running any handler, so with none of its data loaded; that failed with a NullReferenceException and a 500.
/// Pages with no handler at all (static pages) render as before.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
