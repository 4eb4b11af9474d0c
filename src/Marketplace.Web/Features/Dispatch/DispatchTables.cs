namespace Marketplace.Web.Features.Dispatch;

/// <summary>The dispatches table partial: rows and where each links to.</summary>
public sealed record DispatchTableModel(IReadOnlyList<Marketplace.Data.Entities.CioDispatch> Items, string LinkBase);

/// <summary>The claims table partial: rows, where each links to, and whether to show the host column.</summary>
public sealed record ClaimTableModel(IReadOnlyList<Marketplace.Data.Entities.IncentiveClaim> Items, string LinkBase, bool ShowHost);

/// <summary>A claim with how its amount was computed (null for the fixed readiness subsidy).</summary>
public sealed record ClaimFactsModel(Marketplace.Data.Entities.IncentiveClaim Claim, TaxMeasureLine? Line);
