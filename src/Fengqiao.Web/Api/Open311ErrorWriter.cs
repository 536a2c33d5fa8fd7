using Fengqiao.Web.Infrastructure;

namespace Fengqiao.Web.Api;

/// <summary>
/// Answers what the framework itself refuses on an Open311 path (no such resource, a method the resource does not
/// take, an unexpected failure) with GeoReport v2's error list in the path's format instead of problem+json, so a
/// client needs one error parser. Registered before the default writer, which keeps every other path.
/// </summary>
public sealed class Open311ErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments("/open311");

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var message = status switch
        {
            404 => "没有这个资源，请参阅 /open311/discovery.json (no such resource; see /open311/discovery.json)",
            405 => $"该资源不接受 {http.Request.Method} 请求 (this resource does not accept {http.Request.Method})",
            415 => "请以表单方式提交 (send a form: application/x-www-form-urlencoded or multipart/form-data)",
            >= 500 => "服务器暂时无法处理，请稍后再试 (the server could not handle the request; try again later)",
            _ => "请求无法处理 (the request could not be handled)",
        };
        return new ValueTask(Open311Api.WriteErrorsAsync(http, status, [BilingualText.Pick(message)]));
    }
}
