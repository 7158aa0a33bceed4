using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Leerrijk.Web.Infrastructure.Forms;

/// <summary>
/// Lets screen readers hear a field's error: a field in error gets <c>aria-invalid="true"</c> and is described by
/// its error message, which gets a stable id. Works on every form without changes to the pages.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
[HtmlTargetElement("span", Attributes = ValidationForAttribute)]
public sealed class AccessibleValidationTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";
    private const string ValidationForAttribute = "asp-validation-for";

    // Run after the framework's tag helpers, which write the id and name this one reads.
    public override int Order => 1000;

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName(ValidationForAttribute)]
    public ModelExpression? ValidationFor { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public static string ErrorId(string fieldId) => fieldId + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var expression = For ?? ValidationFor;
        if (expression is null)
        {
            return;
        }

        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var fieldId = TagBuilder.CreateSanitizedId(fullName, "_");
        if (ValidationFor is not null)
        {
            output.Attributes.SetAttribute("id", ErrorId(fieldId));
            return;
        }

        var state = ViewContext.ViewData.ModelState.GetFieldValidationState(fullName);
        if (state != ModelValidationState.Invalid)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
            ? $"{existing.Value} {ErrorId(fieldId)}"
            : ErrorId(fieldId);
        output.Attributes.SetAttribute("aria-describedby", describedBy);
    }
}
