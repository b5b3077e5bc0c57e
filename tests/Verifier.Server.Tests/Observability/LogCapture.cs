using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Verifier.Server.Tests.Observability;

/// <summary>A logger provider beside the JSON console that keeps each line with the TraceId of its scopes.</summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<(string Category, string Message, string? TraceId)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? traceId = null;
            capture._scopes?.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    traceId ??= pairs.FirstOrDefault(pair => pair.Key == "TraceId").Value?.ToString();
                }
            }, (object?)null);
            capture.Lines.Enqueue((category, formatter(state, exception), traceId));
        }
    }
}
