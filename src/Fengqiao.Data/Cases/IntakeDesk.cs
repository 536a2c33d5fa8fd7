using Fengqiao.Core.Cases.Intake;
using Fengqiao.Data.Text;

namespace Fengqiao.Data.Cases;

/// <summary>
/// 登记 as the intake page and the API both do it: register the case, then keep the clerk's category choice as
/// routing training data when it overrode the model (a replayed registration teaches nothing new).
/// </summary>
public sealed class IntakeDesk(CaseWorkflow workflow, IntakeRouting routing)
{
    public async Task<IntakeResult> RegisterAsync(NewCase request, string actor, CancellationToken cancellationToken = default)
    {
        var result = await workflow.RegisterAsync(request, actor, cancellationToken);
        if (!result.Replayed)
        {
            await routing.RecordDecisionAsync(result.Case, actor, cancellationToken);
        }
        return result;
    }

    public Task<IReadOnlyList<RouteSuggestionDto>> SuggestAsync(string? title, string? detail, CancellationToken cancellationToken = default) =>
        routing.SuggestAsync(title, detail, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<EarlierCase>> PreviewEarlierAsync(string? title, string? detail, string? categoryCode, IReadOnlyList<NewParty> parties, CancellationToken cancellationToken = default) =>
        workflow.PreviewEarlierAsync(title, detail, categoryCode, parties, cancellationToken);
}
