namespace Marketplace.Web.Features.Cases;

/// <summary>How case figures and names read on pages and in mail.</summary>
public static class CaseDisplay
{
    /// <summary>A KPI figure without trailing zeros: 12.5, 1,200, -3.</summary>
    public static string Number(decimal value) => value.ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>The change as "−25%" (from a non-zero before), or empty.</summary>
    public static string Change(Kpi k) =>
        k.Before == 0 ? "" : ((k.After - k.Before) / Math.Abs(k.Before)).ToString("+0%;−0%;0%", CultureInfo.InvariantCulture);

    public static string Governments(CaseStudy c, bool english) =>
        string.Join(english ? ", " : "・", c.Governments.Where(g => g.Organization is not null)
            .OrderBy(g => g.Organization!.Kind).ThenBy(g => g.Organization!.Code).Select(g => g.Organization!.Name(english)));
}

/// <summary>The <c>_CaseFacts</c> partial: the case, whether the reader may see names awaiting consent, and the advice count to show.</summary>
public sealed record CaseFactsModel(CaseStudy Case, bool Privileged, int? AdviceCount);

/// <summary>The <c>_KpiRows</c> partial: the typed rows, how many to show, and the form's field prefix ("Input." or "").</summary>
public sealed record KpiRowsModel(CaseInput Input, int Rows, string Prefix);
