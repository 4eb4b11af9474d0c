using Microsoft.AspNetCore.Mvc.Filters;

namespace Marketplace.Web.Pages.Experts;

/// <summary>
/// A page only experts use: anyone signed out is sent to sign in, every other role is refused.
/// The profile is always the signed-in expert's own (<see cref="UserId"/>); nothing in the request chooses it.
/// </summary>
public abstract class ExpertOnlyPageModel : PageModel
{
    protected string UserId => User.UserId()!;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (User.Identity?.IsAuthenticated != true || User.UserId() is null) context.Result = Challenge();
        else if (!User.IsInRole(Roles.Expert)) context.Result = Forbid();
    }
}
