using System.Text;

namespace Marketplace.Data;

/// <summary>A table searched by keyword: its own rows' <c>SearchText</c>, and the SQLite FTS5 table that indexes them.</summary>
public sealed record KeywordTarget(string Table, string SqliteTable)
{
    public static readonly KeywordTarget Openings = new("Openings", KeywordIndex.SqliteTable);
    public static readonly KeywordTarget Cases = new("Cases", KeywordIndex.SqliteCaseTable);
}

/// <summary>
/// The character-bigram keyword index of openings and of cases. Search text is already normalised (NFKC, lower case,
/// kana variants) when saved; every word of it is indexed as its overlapping 2-character pieces plus its last
/// character, so a query term of 2 or more characters is a phrase of its bigrams (補佐 → "補佐", 補佐官 → "補佐 佐官") and
/// a 1-character term a prefix. The index narrows the candidates; the exact substring test runs on those alone.
/// SQLite keeps it in an FTS5 table maintained with each save; PostgreSQL in a GIN index on mp_bigrams("SearchText").
/// </summary>
public static class KeywordIndex
{
    public const string SqliteTable = "OpeningKeywords";
    public const string SqliteCaseTable = "CaseKeywords";
    public const string PostgresFunction = "mp_bigrams";

    // Rows deleted by rowid, nothing but the index stored.
    private const string Fts5 = "USING fts5(tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');";

    /// <summary>SQL that creates the SQLite FTS5 table of openings.</summary>
    public const string CreateSqliteTable = $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{SqliteTable}\" {Fts5}";

    /// <summary>SQL that creates the SQLite FTS5 table of cases.</summary>
    public const string CreateSqliteCaseTable = $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{SqliteCaseTable}\" {Fts5}";

    public const string CreatePostgresIndex = $$"""
        CREATE OR REPLACE FUNCTION {{PostgresFunction}}(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
        $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i $$;
        CREATE INDEX IF NOT EXISTS "IX_Openings_SearchBigrams" ON "Openings" USING gin ({{PostgresFunction}}("SearchText"));
        """;

    public const string DropPostgresIndex = $"""
        DROP INDEX IF EXISTS "IX_Openings_SearchBigrams";
        DROP FUNCTION IF EXISTS {PostgresFunction}(text);
        """;

    /// <summary>The GIN index of cases' bigrams (the function comes with the openings' index).</summary>
    public const string CreatePostgresCaseIndex =
        $"CREATE INDEX IF NOT EXISTS \"IX_Cases_SearchBigrams\" ON \"Cases\" USING gin ({PostgresFunction}(\"SearchText\"));";

    public const string DropPostgresCaseIndex = "DROP INDEX IF EXISTS \"IX_Cases_SearchBigrams\";";

    /// <summary>The tokens stored for one row's (normalised) search text.</summary>
    public static string Tokens(string normalisedText)
    {
        var sb = new StringBuilder(normalisedText.Length * 4);
        foreach (var word in normalisedText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i + 1 < word.Length; i++)
            {
                sb.Append(word, i, 2).Append(' ');
            }
            sb.Append(word[^1]).Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>The FTS5 query requiring every (normalised) term; null when there is none.</summary>
    public static string? SqliteMatch(IEnumerable<string> terms)
    {
        // A term of symbols alone makes no token: the exact substring test serves it.
        var parts = terms.Where(t => t.Any(char.IsLetterOrDigit)).Select(t => t.Length == 1
            ? Quote(t) + "*"
            : Quote(string.Join(' ', Bigrams(t)))).ToList();
        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    /// <summary>
    /// Whether the FTS5 match of <paramref name="term"/> finds exactly the texts containing it, so no substring test
    /// need follow. True when every character is a letter or digit of the Basic Multilingual Plane that FTS5's
    /// unicode61 tokenizer keeps inside tokens: then the term's bigrams are tokens, two of them are adjacent only where
    /// they overlap within one word (every word ends with its 1-character token), and a 1-character term's prefix
    /// query finds every occurrence (each character begins a bigram or is a word's last). A term with a symbol, a
    /// character outside the BMP or one newer than the tokenizer's Unicode tables is tested on the text as well.
    /// </summary>
    public static bool IsExactInSqlite(string term) =>
        term.Length > 0 && term.All(ch => char.IsLetterOrDigit(ch) && !char.IsSurrogate(ch) && ch is < '\u9FCC' or > '\u9FFF');

    /// <summary>Every bigram of every term, for PostgreSQL's array containment (1-character terms add none).</summary>
    public static string[] PostgresBigrams(IEnumerable<string> terms) => terms.SelectMany(Bigrams).Distinct().ToArray();

    private static IEnumerable<string> Bigrams(string term)
    {
        for (var i = 0; i + 1 < term.Length; i++) yield return term.Substring(i, 2);
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
