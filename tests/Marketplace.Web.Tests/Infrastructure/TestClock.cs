namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The real clock plus an offset that tests move forward (past a deadline, a backoff, a claim lease).</summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}
