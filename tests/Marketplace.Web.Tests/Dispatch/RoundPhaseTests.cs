using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;

namespace Marketplace.Web.Tests.Dispatch;

/// <summary>A round's phase on each day of its calendar.</summary>
public class RoundPhaseTests
{
    private static readonly DateOnly Day = new(2027, 4, 1);

    private static DispatchRound Round(int closes, int matchingEnds, int result) => new()
    {
        FiscalYear = 2027, Name = "試験", RequestOpensOn = Day, RequestClosesOn = Day.AddDays(closes),
        MatchingEndsOn = Day.AddDays(matchingEnds), ResultDate = Day.AddDays(result),
    };

    [Theory]
    [InlineData(-1, RoundPhase.BeforeRequests)]
    [InlineData(0, RoundPhase.Requests)]
    [InlineData(10, RoundPhase.Requests)]
    [InlineData(11, RoundPhase.Matching)]
    [InlineData(20, RoundPhase.Matching)]
    [InlineData(21, RoundPhase.AwaitingResults)]
    [InlineData(30, RoundPhase.Published)]
    public void SpacedOutRound_EachPeriodInTurn(int day, RoundPhase expected) =>
        Assert.Equal(expected, RoundService.PhaseOn(Round(10, 20, 30), Day.AddDays(day)));

    /// <summary>
    /// The round form allows matching to end on the result date; the pairings were then not public that day
    /// (helper review, stop 32), so the README's walk with every date set to today never showed them.
    /// </summary>
    [Theory]
    [InlineData(10, 20, 20)]
    [InlineData(0, 0, 0)]
    public void ResultDate_IsPublishedEvenWhenMatchingEndsThatDay(int closes, int matchingEnds, int result) =>
        Assert.Equal(RoundPhase.Published, RoundService.PhaseOn(Round(closes, matchingEnds, result), Day.AddDays(result)));
}
