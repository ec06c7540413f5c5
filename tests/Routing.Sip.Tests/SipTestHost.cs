using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Routing.Sip.Tests;

/// <summary>A host with the SIP stack, its settings from memory; the configure callback adds more (the registrar).</summary>
internal static class SipTestHost
{
    public static IHost Build(Dictionary<string, string?> settings, Action<HostApplicationBuilder, IConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        var sip = builder.Configuration.GetSection(SipServiceCollectionExtensions.SectionName);
        builder.Services.AddSipStack(sip);
        configure?.Invoke(builder, sip);
        return builder.Build();
    }

    /// <summary>Starts <paramref name="host"/>, which must fail on its settings, and returns every problem reported (one
    /// options type throws its own exception; several are gathered into an AggregateException).</summary>
    public static async Task<string> StartFailuresAsync(IHost host)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        var validations = failure is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>() : [Assert.IsType<OptionsValidationException>(failure)];
        return string.Join('\n', validations.SelectMany(e => e.Failures));
    }
}
