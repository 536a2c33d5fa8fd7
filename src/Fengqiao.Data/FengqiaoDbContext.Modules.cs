using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    /// <summary>
    /// The feature modules' tables. Each module adds its DbSets and a <c>ConfigureX(ModelBuilder)</c> method in a
    /// partial file in its own folder and one line here, so the core context stays readable.
    /// </summary>
    private void ConfigureModules(ModelBuilder builder)
    {
        ConfigureSecurity(builder);
        ConfigureCalendar(builder);
        ConfigureText(builder);
        ConfigureOpen311(builder);
        ConfigureWhistles(builder);
        ConfigureGridAndServices(builder);
        ConfigureContracting(builder);
        ConfigureTidal(builder);
        ConfigureLedger(builder);
        ConfigureMediation(builder);
        ConfigureCentre(builder);
        ConfigurePlaces(builder);
        ConfigureSuggestions(builder);
    }
}
