namespace Marketplace.Web.Features.Cases;

/// <summary>Themes of things that carry no skill codes (a call for proposals): the skills whose label words appear in its text.</summary>
public static class CaseThemes
{
    private static readonly char[] LabelSeparators = ['・', '（', '）', '(', ')', '、', '/'];

    /// <summary>
    /// A skill matches when one of its label's parts (「ガバメントクラウド」, 「人材育成」) of three or more characters
    /// appears in the text; shorter parts (「移行」) say too little on their own.
    /// </summary>
    public static List<string> FromText(TaxonomyCatalog taxonomy, params string?[] texts)
    {
        var text = JapaneseText.Normalize(string.Join('\n', texts.Where(t => t is not null)));
        return taxonomy.Skills
            .Where(s => JapaneseText.Normalize(s.Ja).Split(LabelSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(part => part.Length >= 3 && text.Contains(part, StringComparison.Ordinal)))
            .Select(s => s.Code).ToList();
    }
}
