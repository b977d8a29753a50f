// Reports a bad command line: one line per problem naming the verb, with "did you mean" for a near-miss option or verb, then where the verb's help is.
using System;
using System.Collections.Generic;
using CommandLine;
using CommandLine.Text;
using Codezero.Containers;

namespace Codezero.Cli;

public static class UsageErrors
{
    /// <summary>Prints CommandLineParser's errors for <paramref name="verb"/> (null: no verb chosen) and returns 64.</summary>
    public static int Report(Type? verb, IEnumerable<Error> errors)
    {
        verb = verb != null && Array.IndexOf(Verbs.Types, verb) >= 0 ? verb : null;
        var messages = new List<string>();
        SentenceBuilder sentences = SentenceBuilder.Create();
        foreach (Error error in errors)
        {
            string message = Describe(verb, error) ?? sentences.FormatError(error);
            if (!messages.Contains(message))
            {
                messages.Add(message);
            }
        }
        return Report(verb, messages);
    }

    /// <summary>Prints <paramref name="messages"/> as codezero's usage errors for <paramref name="verb"/> and returns 64.</summary>
    public static int Report(Type? verb, IEnumerable<string> messages)
    {
        string prefix = verb == null ? "codezero: " : $"codezero: {Verbs.Name(verb)}: ";
        foreach (string message in messages)
        {
            Console.Error.WriteLine(prefix + message);
        }
        Console.Error.WriteLine(verb == null ? "codezero: see 'codezero --help'" : $"codezero: see 'codezero {Verbs.Name(verb)} --help'");
        return ExitStatus.Usage;
    }

    private static string? Describe(Type? verb, Error error)
    {
        switch (error)
        {
            case MissingRequiredOptionError missing when missing.NameInfo.Equals(NameInfo.EmptyName) && verb != null:
            case SequenceOutOfRangeError sequence when sequence.NameInfo.Equals(NameInfo.EmptyName) && verb != null:
                return $"missing the {Verbs.Argument(verb!)} argument";
            case UnknownOptionError unknown:
                string dashes = unknown.Token.Length == 1 ? "-" : "--";
                string? closest = verb == null ? null : Suggestions.Closest(unknown.Token, Verbs.OptionNames(verb));
                return $"unknown option '{dashes}{unknown.Token}'" + (closest == null ? "" : $"; did you mean '--{closest}'?");
            case BadVerbSelectedError badVerb:
                string? verbName = Suggestions.Closest(badVerb.Token, Verbs.Names());
                return $"unknown verb '{badVerb.Token}'" + (verbName == null ? " (known: " + string.Join(", ", Verbs.Names()) + ")" : $"; did you mean '{verbName}'?");
            case NoVerbSelectedError:
                return "missing the verb (" + string.Join(", ", Verbs.Names()) + ")";
            case MissingValueOptionError noValue:
                return $"--{noValue.NameInfo.LongName} needs a value";
            case BadFormatConversionError badValue when verb != null:
                return $"--{badValue.NameInfo.LongName} needs {Verbs.ValueKind(verb, badValue.NameInfo.LongName)}";
            case RepeatedOptionError repeated:
                return $"--{repeated.NameInfo.LongName} is given more than once";
            default:
                return null;
        }
    }
}
