// The verbs and their options, read from the options classes' CommandLineParser attributes: for -h, usage errors and suggestions.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CommandLine;
using Codezero.Cli.Options;

namespace Codezero.Cli;

/// <summary>
/// What the command line of each verb looks like, taken from the same attributes CommandLineParser
/// reads, so help, errors and suggestions cannot drift from the parser. The option classes are kept
/// whole by the [DynamicDependency] attributes on <see cref="Program.Main"/>.
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Every options class is kept whole by [DynamicDependency(All)] on Program.Main.")]
[UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Every options class is kept whole by [DynamicDependency(All)] on Program.Main.")]
public static class Verbs
{
    /// <summary>Every verb's options class, in the order the help lists them.</summary>
    public static readonly Type[] Types =
        [typeof(RunOptions), typeof(CompareQemuOptions), typeof(KernelRunOptions), typeof(BootOptions), typeof(InspectOptions), typeof(BenchOptions)];

    public static string Name(Type verb) => verb.GetCustomAttribute<VerbAttribute>()!.Name;

    /// <summary>The options class of the verb called <paramref name="name"/>, or null.</summary>
    public static Type? Find(string name)
    {
        foreach (Type type in Types)
        {
            if (Name(type) == name)
            {
                return type;
            }
        }
        return null;
    }

    public static IEnumerable<string> Names()
    {
        foreach (Type type in Types)
        {
            yield return Name(type);
        }
    }

    /// <summary>The long names of the verb's options, without dashes, and "help".</summary>
    public static List<string> OptionNames(Type verb)
    {
        var names = new List<string>();
        foreach (PropertyInfo property in verb.GetProperties())
        {
            if (property.GetCustomAttribute<OptionAttribute>() is { } option)
            {
                names.Add(option.LongName);
            }
        }
        names.Add("help");
        return names;
    }

    /// <summary>True when <c>--<paramref name="name"/></c> is one of the verb's options that takes a value (all but switches).</summary>
    public static bool TakesValue(Type verb, string name) => Option(verb, name) is { } property && property.PropertyType != typeof(bool);

    /// <summary>"a whole number" for --cpus, "text" for --mode: what a value of the option must be.</summary>
    public static string ValueKind(Type verb, string name)
    {
        Type? type = Option(verb, name)?.PropertyType;
        type = type == null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "a whole number" : "a value";
    }

    /// <summary>"&lt;manifest&gt;", "&lt;elf&gt;": the verb's first positional argument as its help names it.</summary>
    public static string Argument(Type verb)
    {
        foreach (PropertyInfo property in verb.GetProperties())
        {
            if (property.GetCustomAttribute<ValueAttribute>() is { Index: 0 } value)
            {
                return "<" + value.MetaName + ">";
            }
        }
        return "argument";
    }

    private static PropertyInfo? Option(Type verb, string name)
    {
        foreach (PropertyInfo property in verb.GetProperties())
        {
            if (property.GetCustomAttribute<OptionAttribute>() is { } option && option.LongName == name)
            {
                return property;
            }
        }
        return null;
    }
}
