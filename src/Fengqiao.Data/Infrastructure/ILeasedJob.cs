using NodaTime;

namespace Fengqiao.Data.Infrastructure;

/// <summary>A background job that every web node runs on a timer and that works only while holding its lease.</summary>
public interface ILeasedJob
{
    /// <summary>The name of the job's lease in <see cref="Leases"/>.</summary>
    static abstract string LeaseName { get; }

    /// <summary>One pass; returns a line for the log when it did something, else null.</summary>
    Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken);
}
