using System.Globalization;
using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Openings;

/// <summary>Issue 17: PDFs (募集要項) on openings, uploaded by the owning government's staff and public with the opening.</summary>
public class OpeningAttachmentTests(MarketplaceFactory factory) : IClassFixture<MarketplaceFactory>
{
    private async Task<int> NewOpeningAsync(HttpClient staff, string title, bool publish)
    {
        var created = await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().With("Title", title).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(WebClientExtensions.LocationPath(created).Split('/').Last(), CultureInfo.InvariantCulture);
        if (publish)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/openings/{id}?handler=Publish", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new")).StatusCode);
        }
        return id;
    }

    private Task<List<int>> AttachmentIdsAsync(int openingId) =>
        factory.WithDbAsync(db => db.OpeningAttachments.Where(a => a.OpeningId == openingId).Select(a => a.Id).ToListAsync());

    [Fact]
    public async Task Upload_CachedPublicPageListsItAtOnce_DownloadGivesTheSameBytes_RemovalEvictsToo()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var id = await NewOpeningAsync(staff, "米原市 募集要項添付確認", publish: true);
        var anonymous = factory.NewClient();
        // Cached without attachments first.
        await anonymous.GetAsync($"/openings/{id}");
        var cached = await anonymous.GetAsync($"/openings/{id}");
        Assert.NotNull(cached.Headers.Age);
        Assert.Contains("添付資料はありません", await cached.Content.ReadAsStringAsync());

        var pdf = ProposalHelpers.TinyPdf("募集要項");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostMultipartAsync($"/manage/openings/{id}?handler=Attach", "/manage/openings", "募集要項.pdf", pdf)).StatusCode);
        var attachmentId = Assert.Single(await AttachmentIdsAsync(id));

        var page = await (await anonymous.GetAsync($"/openings/{id}")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/openings/{id}/attachments/{attachmentId}\">募集要項.pdf</a> (PDF, 1 KB)", page);
        var download = await anonymous.GetAsync($"/openings/{id}/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("募集要項.pdf", await (await staff.GetAsync($"/manage/openings/{id}")).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/openings/{id}?handler=RemoveAttachment", [new("attachmentId", attachmentId.ToString(CultureInfo.InvariantCulture))], "/manage/openings")).StatusCode);
        Assert.Empty(await AttachmentIdsAsync(id));
        Assert.DoesNotContain("募集要項.pdf", await (await anonymous.GetAsync($"/openings/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/openings/{id}/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task NonPdf_RefusedWithWhatToFix_NothingSaved()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var id = await NewOpeningAsync(staff, "米原市 PDF以外の添付確認", publish: false);
        var response = await staff.PostMultipartAsync($"/manage/openings/{id}?handler=Attach", "/manage/openings", "要項.pdf", "PK\u0003\u0004 a zip, not a PDF %%EOF"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("「要項.pdf」はPDFファイルではありません（内容を確認しました）。PDFで保存したファイルを選んでください。", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AttachmentIdsAsync(id));
    }

    [Fact]
    public async Task AnotherGovernmentsStaff_CannotUploadRemoveOrDownload()
    {
        var owner = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var other = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var id = await NewOpeningAsync(owner, "米原市 他団体拒否確認", publish: false);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostMultipartAsync($"/manage/openings/{id}?handler=Attach", "/manage/openings", "要項.pdf", ProposalHelpers.TinyPdf("own"))).StatusCode);
        var attachmentId = Assert.Single(await AttachmentIdsAsync(id));

        var upload = await other.PostMultipartAsync($"/manage/openings/{id}?handler=Attach", "/manage/openings", "偽.pdf", ProposalHelpers.TinyPdf("other"));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        var remove = await other.PostFormAsync($"/manage/openings/{id}?handler=RemoveAttachment", [new("attachmentId", attachmentId.ToString(CultureInfo.InvariantCulture))], "/manage/openings");
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/manage/openings/{id}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal([attachmentId], await AttachmentIdsAsync(id));
    }

    [Fact]
    public async Task DraftsAttachment_NotDownloadableByThePublic_ButByItsOwnStaff()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var id = await NewOpeningAsync(staff, "米原市 下書き添付非公開確認", publish: false);
        var pdf = ProposalHelpers.TinyPdf("draft");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostMultipartAsync($"/manage/openings/{id}?handler=Attach", "/manage/openings", "下書き.pdf", pdf)).StatusCode);
        var attachmentId = Assert.Single(await AttachmentIdsAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewClient().GetAsync($"/openings/{id}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(pdf, await (await staff.GetAsync($"/manage/openings/{id}/attachments/{attachmentId}")).Content.ReadAsByteArrayAsync());
    }
}
