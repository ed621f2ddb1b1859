using Bot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Bot.Host.Tests.Commands;

/// <summary>The real host with the demo data loaded, as a new user gets it from the README run command.</summary>
public sealed class DemoHostFactory : BotHostFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "true");

        // The caller of the every-example test is an admin, so admin and importer examples answer too.
        builder.UseSetting("Roles:Admins:0", CommandsThroughMessagesTests.ExamplesCaller);
    }
}
