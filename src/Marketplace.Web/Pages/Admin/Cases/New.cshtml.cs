using Marketplace.Web.Pages.Cases;

namespace Marketplace.Web.Pages.Admin.Cases;

/// <summary>The office writes a case itself (about the governments named by 団体コード); it publishes it from the review page.</summary>
public sealed class NewModel(CaseService cases, IStringLocalizer<SharedResource> t) : NewCasePage(cases, t)
{
    public override string ListPath => "/admin/cases";
    public override string BackKey => "Case_BackToOffice";
    protected override int? WriterOrganizationId => null;
}
