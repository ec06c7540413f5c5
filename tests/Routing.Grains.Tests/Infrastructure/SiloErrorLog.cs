using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Routing.Grains.Tests.Infrastructure;

/// <summary>
/// Collects errors logged inside the test silos: a failed routing pass, a failed timer or a grain
/// call that timed out (a deadlock shows up as one) would otherwise go unnoticed by the tests.
/// </summary>
public sealed class SiloErrorLog : ILoggerProvider
{
    public static readonly SiloErrorLog Instance = new();

    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>Errors from routing code, plus any timeout anywhere, since the process started.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(SiloErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var isRouting = category.StartsWith("Routing.", StringComparison.Ordinal);
            var isTimeout = exception is TimeoutException || (exception?.ToString().Contains("TimeoutException", StringComparison.Ordinal) ?? false);
            if ((isRouting && logLevel >= LogLevel.Error) || isTimeout)
            {
                log._errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
