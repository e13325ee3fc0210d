// Shared UI primitives. Import from "@/components/ui".
export { Button, buttonClasses, type ButtonProps, type ButtonVariant } from "./Button";
export { SubmitButton } from "./SubmitButton";
export { Input, inputClasses, type InputProps } from "./Input";
export { Field, type FieldProps } from "./Field";
export { Dialog, DialogRoot, DialogTrigger, DialogClose, DialogContent } from "./Dialog";
export { Spinner } from "./Spinner";
export { Notice, type NoticeTone } from "./Notice";
export { ToastProvider, useToast, type ToastTone } from "./Toast";
export { cn } from "./cn";
