namespace Marketplace.Web.Features.Cases;

/// <summary>One expert's track record (<see cref="TrackRecordService"/>), on the pages about that expert.</summary>
public sealed class TrackRecordViewComponent(TrackRecordService tracks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int expertProfileId) =>
        View(await tracks.ForExpertAsync(expertProfileId, HttpContext.RequestAborted));
}
