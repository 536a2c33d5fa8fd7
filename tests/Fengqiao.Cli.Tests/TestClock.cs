using System.Runtime.CompilerServices;
using Fengqiao.Testing;

namespace Fengqiao.Cli.Tests;

internal static class TestClock
{
    // The CLI reads its settings from the environment as an operator's shell gives them: it runs on the test run's day.
    [ModuleInitializer]
    internal static void UseTheRunsClock() => Environment.SetEnvironmentVariable("Clock__StartAt", TestTime.Setting);
}
