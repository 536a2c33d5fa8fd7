using System.Security.Claims;
using Fengqiao.Data.Calendar;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fengqiao.Web.Api;

public sealed record CalendarYearRequest(int Version, IReadOnlyList<CalendarDay>? Holidays, IReadOnlyList<CalendarDay>? Workdays);

/// <summary>The work calendar (工作日历): every staff member reads it; administrators enter a year's holidays and make-up workdays.</summary>
public static class CalendarApi
{
    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");

        group.MapGet("/{year:int}", async Task<Results<Ok<CalendarYearView>, ProblemHttpResult>> (int year, WorkCalendarStore store, CancellationToken ct) =>
            year is < Core.Calendar.WorkCalendar.MinimumYear or > Core.Calendar.WorkCalendar.MaximumYear
                ? TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有该年份的日历 (no calendar for that year)"))
                : TypedResults.Ok(await store.ViewAsync(year, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("One year's public holidays and make-up workdays, and whether an administrator edited them");

        group.MapPut("/{year:int}", async Task<Results<Ok<CalendarYearView>, ValidationProblem, ProblemHttpResult>> (int year, CalendarYearRequest request, WorkCalendarStore store, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                var actor = http.User.FindFirstValue(ClaimTypes.Name) ?? "admin";
                return TypedResults.Ok(await store.SaveAsync(year, request.Holidays ?? [], request.Workdays ?? [], request.Version, actor, ct));
            }
            catch (CalendarConflictException ex)
            {
                return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
            }
            catch (ArgumentException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.ParamName ?? "days"] = [BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0])] });
            }
        })
            .RequireAuthorization(Policies.Administrator)
            .WithSummary("Replace one year's holidays and make-up workdays (send the version you loaded; 409 if someone saved first)");
    }

}
