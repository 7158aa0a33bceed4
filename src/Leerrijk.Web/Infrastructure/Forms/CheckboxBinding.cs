using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Leerrijk.Web.Infrastructure.Forms;

/// <summary>
/// Binds yes/no fields. A checkbox sends "true" (and its hidden "false"); anything else is refused with a field error
/// and read as "no". The model state then holds "false", because the checkbox tag helper throws while showing the
/// form again when the sent value is not a boolean, and a bad value must give the form back, not an error page.
/// </summary>
public sealed class CheckboxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(bool) ? new CheckboxModelBinder() : null;

    private sealed class CheckboxModelBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var name = bindingContext.ModelName;
            var sent = bindingContext.ValueProvider.GetValue(name);
            if (sent == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            if (bool.TryParse(sent.FirstValue, out var value))
            {
                bindingContext.ModelState.SetModelValue(name, sent);
                bindingContext.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(name, new ValueProviderResult("false"));
            bindingContext.ModelState.TryAddModelError(
                name, bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueIsInvalidAccessor(sent.FirstValue ?? ""));
            bindingContext.Result = ModelBindingResult.Success(false);
            return Task.CompletedTask;
        }
    }
}
