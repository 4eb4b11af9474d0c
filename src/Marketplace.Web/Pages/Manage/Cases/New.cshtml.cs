using Marketplace.Web.Pages.Cases;

namespace Marketplace.Web.Pages.Manage.Cases;

/// <summary>A government writes a case about itself, as a draft.</summary>
public sealed class NewModel(CaseService cases, IStringLocalizer<SharedResource> t) : NewCasePage(cases, t)
{
    public override string ListPath => "/manage/cases";
    public override string BackKey => "Case_BackToManage";
    protected override int? WriterOrganizationId => User.OrganizationId()!.Value;
}
