using System.Text;
using CsvHelper;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The shared CSV reader and writer (CsvHelper): output as Excel and the tests expect it, and places of fields and mistakes.</summary>
public class CsvTests
{
    [Fact]
    public void Text_QuotesOnlyWhatNeedsIt_CrLf_DefusesFormulasInRowsNotHeaders()
    {
        var text = Csv.Text()
            .Header(["=id", "name"])
            .Row(["1", "a,b"])
            .Row(["say \"hi\"", "two\nlines"])
            .Row(["=SUM(A1)", "＝1"])
            .Row([null, " spaced "])
            .ToString();
        Assert.Equal("=id,name\r\n1,\"a,b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n'=SUM(A1),'＝1\r\n, spaced \r\n", text);
    }

    [Fact]
    public void Encode_Utf8WithBomOrShiftJis()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("大阪\r\n")], Csv.Encode("大阪\r\n", shiftJis: false));
        Assert.Equal(Encoding.UTF8.GetBytes("x"), Csv.Encode("x", shiftJis: false, start: false));
        Assert.Equal(new byte[] { 0x91, 0xE5, 0x8D, 0xE3 }, Csv.Encode("大阪", shiftJis: true));
    }

    [Fact]
    public void Read_QuotedFieldsAcrossLines_EachFieldAtItsLineAndColumn()
    {
        var (records, problems) = Csv.Read("a,b,c\r\n1,\"x,\"\"y\"\"\nz\",3\n\n日本,,\"q\"\n");
        Assert.Empty(problems);
        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "x,\"y\"\nz", "3"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal([(2, 1), (2, 3), (3, 4)], records[1].Positions);
        // The empty line is skipped but counted.
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["日本", "", "q"], records[2].Fields);
        Assert.Equal([(5, 1), (5, 4), (5, 5)], records[2].Positions);
    }

    [Fact]
    public void Read_QuotingMistakes_NamedWithTheirPlace_RowsStillRead()
    {
        var (records, problems) = Csv.Read("a,b\nplain,te\"xt\n\"q\"after,1\nok,\"never closed\n");
        Assert.Equal(4, records.Count);
        Assert.Equal("te\"xt", records[1].Fields[1]);
        Assert.Contains(problems, p => p.Reason == CsvMalformedReason.StrayQuote && p.Line == 2);
        Assert.Contains(problems, p => p.Reason == CsvMalformedReason.TextAfterClosingQuote && p.Line == 3);
        Assert.Contains(problems, p => p.Reason == CsvMalformedReason.UnterminatedQuote && p.Line == 4 && p.Column == 1);
    }

    [Fact]
    public void Read_WhatTextWrote_SameCells()
    {
        string?[][] rows = [["1", "a,b", "say \"hi\""], ["2", "two\r\nlines", ""]];
        var text = Csv.Text().Header(["id", "x", "y"]).Row(rows[0]).Row(rows[1]).ToString();
        var (records, problems) = Csv.Read(text);
        Assert.Empty(problems);
        Assert.Equal(rows.Select(r => r.Select(c => c ?? "")), records.Skip(1).Select(r => r.Fields));
    }
}
