using BenchmarkDotNet.Attributes;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Bench.Deadlines;

/// <summary>
/// Working-day deadline computation (bar: ≥ 5 million per second per core). Each invocation computes
/// <see cref="Batch"/> deadlines over random start instants from 2004 to 2026 and random periods, so the
/// figures are per deadline. The baseline is the obvious implementation: walk day by day, looking each day up in
/// holiday and make-up-workday sets.
/// </summary>
[MemoryDiagnoser]
public class DeadlineBenchmarks
{
    private const int Batch = 4096;

    private readonly DeadlineCalculator _calculator = new(WorkCalendar.China);
    private readonly DateTimeZone _zone = DeadlineCalculator.ChinaTimeZone;
    private readonly Instant[] _starts = new Instant[Batch];
    private readonly SlaPeriod[] _workingPeriods = new SlaPeriod[Batch];
    private readonly SlaPeriod[] _calendarPeriods = new SlaPeriod[Batch];
    private HashSet<LocalDate> _holidays = [];
    private HashSet<LocalDate> _makeUpWorkdays = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260101);
        var from = Instant.FromUtc(2004, 1, 1, 0, 0).ToUnixTimeSeconds();
        var to = Instant.FromUtc(2026, 10, 1, 0, 0).ToUnixTimeSeconds();
        for (var i = 0; i < Batch; i++)
        {
            _starts[i] = Instant.FromUnixTimeSeconds(random.NextInt64(from, to));
            _workingPeriods[i] = SlaPeriod.WorkingDays(random.Next(1, 61));
            _calendarPeriods[i] = SlaPeriod.CalendarDays(random.Next(1, 91));
        }
        _holidays = [.. WorkCalendar.China.Years.SelectMany(y => y.Holidays.Keys)];
        _makeUpWorkdays = [.. WorkCalendar.China.Years.SelectMany(y => y.Workdays.Keys)];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "naive day-by-day loop (working days)")]
    public long NaiveWorkingDays()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            var date = _starts[i].InZone(_zone).Date;
            for (var left = _workingPeriods[i].Amount; left > 0;)
            {
                date = date.PlusDays(1);
                if (_makeUpWorkdays.Contains(date) || (date.DayOfWeek < IsoDayOfWeek.Saturday && !_holidays.Contains(date)))
                {
                    left--;
                }
            }
            sum += date.PlusDays(1).AtStartOfDayInZone(_zone).ToInstant().ToUnixTimeTicks();
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "DeadlineCalculator.Due, working days")]
    public long WorkingDays()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += _calculator.Due(_starts[i], _workingPeriods[i], rollsToWorkingDay: true).ToUnixTimeTicks();
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "DeadlineCalculator.Due, calendar days rolled off holidays")]
    public long CalendarDaysRolled()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += _calculator.Due(_starts[i], _calendarPeriods[i], rollsToWorkingDay: true).ToUnixTimeTicks();
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "DeadlineCalculator.Compute (full Deadline record), working days")]
    public long ComputeRecord()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++)
        {
            sum += _calculator.Compute(_starts[i], _workingPeriods[i], rollsToWorkingDay: true).Due.ToUnixTimeTicks();
        }
        return sum;
    }
}
