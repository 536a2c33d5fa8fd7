namespace Fengqiao.Web.Resources;

/// <summary>
/// Marker for the UI strings. Strings.resx is the neutral (zh-CN) text, Strings.en.resx the English; a key
/// missing from either fails a test.
/// </summary>
public sealed class Strings;
