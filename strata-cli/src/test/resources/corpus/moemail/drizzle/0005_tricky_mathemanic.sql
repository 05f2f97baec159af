DROP TABLE `permission`;--> statement-breakpoint
DROP TABLE `role_permission`;