namespace Marketplace.Web.Pages.PastResults;

/// <summary>One text field of a past-result form: its label, value, hint, what was understood and its error.</summary>
public sealed record PastField(string Name, string Label, string? Value, string? Hint = null, string? Understood = null,
    bool Required = false, string InputMode = "text", int Rows = 0, string? Placeholder = null)
{
    public string Id => "Input_" + Name;
}

public sealed record PastConfirmView(IReadOnlyList<KeyValuePair<string, string>> Facts, IEnumerable<KeyValuePair<string, string?>> Fields);
