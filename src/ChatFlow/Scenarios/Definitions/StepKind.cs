namespace ChatFlow;

internal enum StepKind
{
    Step,
    Form,
    Question,
    Confirm,
    EditChoice,
}
